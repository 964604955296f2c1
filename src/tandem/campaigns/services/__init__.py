"""The campaign app's writes: answering, rounds, coordination, invitations."""
