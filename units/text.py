from unidecode import unidecode


def fold(text: str) -> str:
    """Lower-case ASCII with single spaces: 'Xã  ĐÔNG Sơn' → 'xa dong son'. Used for search."""
    return " ".join(unidecode(text or "").lower().split())
