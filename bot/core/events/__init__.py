"""The Events API ledger: each event handled once."""
