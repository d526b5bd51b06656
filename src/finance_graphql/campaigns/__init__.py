"""Campaigns of customers, their daily spend, the finance overview and invoices from spend."""
