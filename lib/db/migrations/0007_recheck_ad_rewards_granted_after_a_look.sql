-- Rewards granted by a scheduled run after an earlier run had looked at the pending claim kept that
-- look's checked_at, so the revocation check (granted, checked_at null) never picked them. Those
-- rows are the granted ones checked before their grant: let the next run check them once.
UPDATE "ad_rewards" SET "checked_at" = NULL WHERE "status" = 'granted' AND "checked_at" < "updated_at";
