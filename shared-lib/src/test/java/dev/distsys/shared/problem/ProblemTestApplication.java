package dev.distsys.shared.problem;

import org.springframework.boot.SpringBootConfiguration;

/** The configuration {@code @WebMvcTest} looks for; the slice adds the rest. */
@SpringBootConfiguration
class ProblemTestApplication {

}
