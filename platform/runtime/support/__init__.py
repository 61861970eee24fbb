"""Contact support: a message to the support address, and a receipt to the writer."""
