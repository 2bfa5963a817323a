// TestSupport — helpers shared by the test targets (fixture paths, approximate comparison).
