/// The version `--version` prints and saves record.
public enum ModescopeVersion {
    public static let current = "0.1.0"
}
