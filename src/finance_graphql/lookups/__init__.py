"""Static lists: the seeds' ids, names, labels and order, as GraphQL enums and one query."""
