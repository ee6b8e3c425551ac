-- Request counters need no durability: after a crash they restart at zero, which only forgives a
-- minute of requests. Unlogged, a counted request writes no WAL, so its commit does not wait for the
-- disk (or, on Neon, for the safekeepers): every limited API call and sign-in saves that wait.
ALTER TABLE "rate_limits" SET UNLOGGED;
