from . import test_security_groups
from . import test_reward
from . import test_reward_concurrency
from . import test_reward_export
from . import test_cron
