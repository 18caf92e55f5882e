from . import test_agreement
from . import test_employee
from . import test_topic
from . import test_ui
