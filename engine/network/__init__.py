"""The network's room: what leaves the table and what the network does with it.

A session's log is the association's own record. What travels to the network is a *bundle*: a
signed zip holding a manifest, the pseudonymised log and a summary (`export`). The network
verifies bundles before it accepts them (`verify`), turns many sessions into tidy tables an
analyst can query (`tables`), and writes one page across territories (`synthesis`).

This room depends on the model and the log; nothing below it imports it.
"""
