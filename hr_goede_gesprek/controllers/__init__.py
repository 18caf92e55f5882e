from . import main
from . import portal
from . import portal_formal
from . import portal_access
