from . import test_security_groups
from . import test_conversation
from . import test_report_signing
from . import test_access_rights
from . import test_performance
