/* cpumask at 63 CPUs (see cpumask_cases.h). */
#include "cpumask_cases.h"
