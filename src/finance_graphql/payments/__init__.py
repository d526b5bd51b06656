"""Payments: funds, invoice settlements and refunds; approval, proofs, PayPal, reconciliation."""
