"""The ledger: every money event as an entry; a workspace's balance is their sum."""
