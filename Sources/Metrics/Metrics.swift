// Metrics — fidelity, diversity and memorization measures agreeing with their reference implementations.
