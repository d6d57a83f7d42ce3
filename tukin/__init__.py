"""tukin: performance-based allowances (tunjangan kinerja / TPP) for Indonesian civil servants."""

__version__ = "0.1.0"
