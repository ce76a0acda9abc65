"""The tick: APScheduler only wakes Kindling up; the database decides what is due."""
