/// Where the interactive history lives, following the product spec's XDG rules.
public enum HistoryLocation {
    /// The value of `MODESCOPE_HISTORY` that turns the history file off.
    public static let disabledPath = "/dev/null"

    /// `MODESCOPE_HISTORY` if set (`/dev/null` or empty → `nil`, no history file); else
    /// `$XDG_STATE_HOME/modescope/history`; else `$HOME/.local/state/modescope/history`; `nil` when none
    /// of these is usable. Per the XDG Base Directory spec an empty or relative `XDG_STATE_HOME` is
    /// ignored; an empty `HOME` is treated as unset.
    public static func resolve(environment: [String: String]) -> String? {
        if let explicit = environment["MODESCOPE_HISTORY"] {
            return explicit.isEmpty || explicit == disabledPath ? nil : explicit
        }
        if let stateHome = environment["XDG_STATE_HOME"], stateHome.hasPrefix("/") {
            return joined(stateHome, "modescope/history")
        }
        if let home = environment["HOME"], !home.isEmpty {
            return joined(home, ".local/state/modescope/history")
        }
        return nil
    }

    private static func joined(_ directory: String, _ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }
}
