-- "Personal info found" counts each value once per page (issue 17): reloading a page, or the
-- extension scanning it again, no longer adds its values again. A row holds a short keyed
-- fingerprint of the value (see detections_repo.value_fingerprint), never the value.
CREATE TABLE page_values (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    url_hash    TEXT NOT NULL,          -- sha256 of the page URL, as in detections
    host        TEXT NOT NULL,
    type        TEXT NOT NULL,          -- PII type
    fingerprint TEXT NOT NULL,
    first_seen  TEXT NOT NULL,
    UNIQUE (url_hash, type, fingerprint)
);
CREATE INDEX page_values_first_seen ON page_values (first_seen);
CREATE INDEX page_values_host ON page_values (host);

-- History from before this table: per page and type, the most values one scan found (a lower
-- bound of the distinct values), under fingerprints no new value can take ('m1', 'm2', ...).
INSERT OR IGNORE INTO page_values (url_hash, host, type, fingerprint, first_seen)
WITH RECURSIVE per_page AS (
    SELECT d.url_hash AS url_hash, MIN(d.host) AS host, c.key AS type, MAX(c.value) AS n,
           MIN(d.created_at) AS first_seen
    FROM detections AS d, json_each(d.counts) AS c GROUP BY d.url_hash, c.key
), seq(i) AS (
    SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < (SELECT COALESCE(MAX(n), 0) FROM per_page)
)
SELECT url_hash, host, type, 'm' || i, first_seen FROM per_page, seq WHERE i <= n;
