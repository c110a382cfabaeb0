"""Stance: sentiment toward actors, hedging, stance on claims, and frame tracing."""

from geolib.stance.claims import ClaimStance, claim_stances, load_claims
from geolib.stance.frames import FrameMention, find_frames, frame_records, load_frames
from geolib.stance.hedging import Hedging, hedging
from geolib.stance.records import STANCE_FIELDS, actor_sentiments, stance_records
from geolib.stance.sentiment import TargetSentiment, sentiment_toward

__all__ = [
    "STANCE_FIELDS",
    "ClaimStance",
    "FrameMention",
    "Hedging",
    "TargetSentiment",
    "actor_sentiments",
    "claim_stances",
    "find_frames",
    "frame_records",
    "hedging",
    "load_claims",
    "load_frames",
    "sentiment_toward",
    "stance_records",
]
