from . import res_company
from . import hr_goede_gesprek_topic
from . import hr_goede_gesprek
from . import hr_goede_gesprek_agenda_line
from . import hr_goede_gesprek_agreement
from . import hr_goede_gesprek_review
from . import hr_employee
from . import hr_employee_public
