"""Writes about containers and membership, one module per domain (as Zulip's
zerver/actions/). Each is atomic, checks its own rules, keeps the guardian rows in
step and records the change in MembershipEvent."""
