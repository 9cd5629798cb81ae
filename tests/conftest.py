def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "equivalence: runtime equivalence under real Keras 1.2.2 and keras 2.15 (slow; "
        "builds cached environments on first use)",
    )
