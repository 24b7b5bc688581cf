from .cells import OfferCell
from .chains import Phase, ProcessChain, ServiceChain, ServiceChainStep
from .imports import ImportRun
from .offers import Location, MobileDate, Offer, OfferChange, OpeningHours
from .vocabularies import DeliveryMode, FieldOfAction, Language, ResidenceStatus, TargetGroup

__all__ = [
    "DeliveryMode", "FieldOfAction", "ImportRun", "Language", "Location", "MobileDate", "Offer", "OfferCell", "OfferChange",
    "OpeningHours", "Phase", "ProcessChain", "ResidenceStatus", "ServiceChain", "ServiceChainStep", "TargetGroup",
]
