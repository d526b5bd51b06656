"""Credits: offered by an organization to a customer, claimed into its balance, applied to
invoices."""
