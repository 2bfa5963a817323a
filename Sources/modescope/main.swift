print("modescope")
