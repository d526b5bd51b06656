"""Async GraphQL service for the money side of a multi-tenant advertising platform."""

__version__ = "0.1.0"
