-- History for the dashboard (issue 8). Page statistics (findings by type and site, page visits)
-- come from the existing `detections` log (counts and types only); this adds what it lacks:
-- the user's own entries seen on pages, and the 开盒-risk pages seen, both with their URL so the
-- user can go back and report. No page text is stored anywhere.
-- (0002 is left to the reporting work, which was written at the same time.)

CREATE TABLE exposures (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    url         TEXT NOT NULL,          -- page URL without its #fragment
    url_hash    TEXT NOT NULL,          -- sha256 of url: one row per (page, entry)
    host        TEXT NOT NULL,
    entry_id    INTEGER NOT NULL,       -- vault id (no FK: the history outlives a deleted entry)
    kind        TEXT NOT NULL,          -- vault kind
    masked      TEXT NOT NULL,          -- the vault's masked form, never the value
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL,
    times_seen  INTEGER NOT NULL DEFAULT 1,
    UNIQUE (url_hash, entry_id)
);
CREATE INDEX exposures_last_seen ON exposures (last_seen);
CREATE INDEX exposures_host ON exposures (host);

CREATE TABLE risk_pages (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    url         TEXT NOT NULL,
    url_hash    TEXT NOT NULL UNIQUE,
    host        TEXT NOT NULL,
    level       TEXT NOT NULL,          -- highest level seen on the page
    categories  TEXT NOT NULL,          -- JSON [category...]
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL
);
CREATE INDEX risk_pages_last_seen ON risk_pages (last_seen);

-- Retention purges and the dashboard's time filters read detections by time.
CREATE INDEX detections_created_at ON detections (created_at);
