-- First release schema. Never edit a released migration: add 0002_*.sql instead.

CREATE TABLE vault (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL,          -- phone, id_card, address, name, plate, email, qq, wechat, bank_card
    label       TEXT NOT NULL DEFAULT '',
    value       TEXT NOT NULL,          -- the user's own value; never returned by the API
    match_key   TEXT NOT NULL,          -- normalised form used for matching
    masked      TEXT NOT NULL,          -- what the API shows
    created_at  TEXT NOT NULL
);
CREATE INDEX vault_match_key ON vault (match_key);

CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL           -- JSON
);

CREATE TABLE tokens (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash  TEXT NOT NULL UNIQUE,   -- sha256 of the bearer token; the token itself is not stored
    client      TEXT NOT NULL,          -- extension id, or "cli"
    created_at  TEXT NOT NULL,
    last_used_at TEXT
);

-- Counts and types only: no text, no values, no full URL.
CREATE TABLE detections (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at  TEXT NOT NULL,
    host        TEXT NOT NULL,          -- hostname of the page
    url_hash    TEXT NOT NULL,          -- sha256 of the URL, to group scans of one page
    chunks      INTEGER NOT NULL,
    counts      TEXT NOT NULL,          -- JSON {TYPE: n}
    own_matches INTEGER NOT NULL,
    level       TEXT
);
CREATE INDEX detections_host ON detections (host);

-- Filled by the reporting work (next issue).
CREATE TABLE reports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    platform    TEXT NOT NULL,
    url         TEXT NOT NULL,
    category    TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'draft',
    evidence    TEXT NOT NULL DEFAULT '{}'   -- JSON
);
