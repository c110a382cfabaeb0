"""Stance: target sentiment, hedging, claims and frames."""
