"""Small modal screens: forms, pickers, confirmations."""
