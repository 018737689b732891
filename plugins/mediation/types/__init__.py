"""GraphQL types, inputs and loaders of mediation, one module per seam; ``NODE_TYPES`` lists
the Node types, so that ``node(id)`` can return them even where no field names them."""

from .disputes import Dispute, MediationCentre
from .intake import CanvassCampaign, CanvassFinding, Tip

NODE_TYPES = [Dispute, MediationCentre, Tip, CanvassCampaign, CanvassFinding]
