// LineEditing — the interactive prompt over libedit: editing keys, persistent history, Tab completion
// through a closure, and the SIGINT behaviour the shell relies on.
