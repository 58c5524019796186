package io.ecrm.serving.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrm.serving.tenants.TenantRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Holds each keyed request to its tenant's quota before it reaches the router: a request over the
 * quota is answered its 429 problem here, without the routing, handlers and exception mapping it
 * would otherwise cost (a flood past a quota must cost the other tenants little). The key is
 * checked here and its caller kept on the request, so {@link ApiKeyAuth} neither checks it again
 * nor counts the request twice; a request without a valid key goes on to {@link ApiKeyAuth}, which
 * answers it 401. Each instance holds a tenant to its quota of the requests it serves, those another
 * instance forwarded to it included: the header that marks a forwarded request is a client's to
 * send as well, so it exempts nothing.
 */
public final class QuotaGate implements Filter {
    private final TenantRegistry registry;
    private final QuotaGuard quotas;
    private final ObjectMapper json;

    public QuotaGate(TenantRegistry registry, QuotaGuard quotas, ObjectMapper json) {
        this.registry = registry;
        this.quotas = quotas;
        this.json = json;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String path = http.getRequestURI();
        String header = http.getHeader("Authorization");
        if (path == null || !path.startsWith("/v1/") || ApiKeyAuth.OPEN_PATHS.contains(path) || "OPTIONS".equals(http.getMethod())
                || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<TenantRegistry.Caller> caller = registry.authenticate(header.substring(7).strip());
        if (caller.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        http.setAttribute(ApiKeyAuth.CALLER_ATTRIBUTE, caller.get());
        http.setAttribute(RequestParams.TENANT_ATTRIBUTE, caller.get().tenant());
        QuotaGuard.Refusal refusal = quotas.request(caller.get().tenant());
        if (refusal == null) {
            chain.doFilter(request, response);
            return;
        }
        ApiProblem.Type type = ApiProblem.Type.TOO_MANY_REQUESTS;
        Problem problem = Problem.of(type, refusal.detail(), path, List.of(), refusal.extensions());
        HttpServletResponse answer = (HttpServletResponse) response;
        answer.setStatus(type.status());
        answer.setHeader("Retry-After", Long.toString(refusal.retryAfterSeconds()));
        answer.setContentType(Problem.MEDIA_TYPE);
        byte[] body = json.writeValueAsBytes(problem);
        answer.setContentLength(body.length);
        answer.getOutputStream().write(body);
    }
}
