"""Invoices: creation, approval, cancellation, settlement, taxes and the organization template."""
