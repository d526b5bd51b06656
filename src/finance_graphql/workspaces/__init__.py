"""Workspaces (super organization, organizations, customers), users and memberships."""
