// The learn-more page only needs its strings in the chosen language.
Hegai.ui.catalog();
