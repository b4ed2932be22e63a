"""The session log's room: the record of a session, and everything that reads or writes it.

- `lines`: the log's lines, their canonical bytes and the hash chain (docs/log-format.md);
- `session`: a session that plays actions and writes each one to its log before showing it,
  and resuming a session from its log;
- `replay`: re-deriving and checking a session from its log;
- `steps`: the state after every action line, undos included, for the replay viewer;
- `transcript`: a readable line per action, for the golden playthroughs.

This room uses the rules core (`engine.rules`, `engine.state`, `engine.actions`, `engine.events`,
`engine.scenario.load`) and nothing above it; the rules never import it.
"""
