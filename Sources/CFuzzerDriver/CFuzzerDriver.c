// Empty on purpose: SwiftPM needs one source file per C target; the declaration in the header is all
// DataFilesFuzzer uses, and libFuzzer's runtime defines it.
