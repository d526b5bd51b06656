"""Pieces every domain shares: scalars, errors, pagination, auth and access rules."""
