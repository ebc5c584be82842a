package dev.distsys.shared.problem;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The name a client knows a handler parameter by: its header, query or path name. */
final class ParameterNames {

    private ParameterNames() {
    }

    static String of(MethodParameter parameter) {
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null) {
            return named(header.name(), header.value(), parameter);
        }
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null) {
            return named(param.name(), param.value(), parameter);
        }
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null) {
            return named(path.name(), path.value(), parameter);
        }
        return named("", "", parameter);
    }

    private static String named(String name, String value, MethodParameter parameter) {
        if (!name.isEmpty()) {
            return name;
        }
        if (!value.isEmpty()) {
            return value;
        }
        String declared = parameter.getParameterName();
        return (declared != null) ? declared : "arg" + parameter.getParameterIndex();
    }

}
