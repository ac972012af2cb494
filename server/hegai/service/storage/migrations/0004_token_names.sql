-- Tokens get a name the user can recognise in the token list (issue 16).
-- Every extension token so far came from the old /pair + /pair/confirm route, which any local
-- process could drive with a forged Origin header: such a token proves nothing about who holds it,
-- so it is revoked here. The extension pairs again, by itself, through the native messaging host.
DELETE FROM tokens WHERE client <> 'cli';
ALTER TABLE tokens ADD COLUMN name TEXT NOT NULL DEFAULT '';
UPDATE tokens SET name = 'Command line (hegai pair --new-token)' WHERE client = 'cli';
CREATE INDEX tokens_client ON tokens (client);
