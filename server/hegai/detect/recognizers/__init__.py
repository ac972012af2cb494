"""One recognizer per file; each module exposes ``RECOGNIZER``. See ``hegai.detect.registry``."""
