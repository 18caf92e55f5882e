from . import hr_goede_gesprek_reward_export
