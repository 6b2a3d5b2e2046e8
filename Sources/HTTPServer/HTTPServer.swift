import CMicroHTTPD
import Dispatch
import CMicroHTTPDShims
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 server on libmicrohttpd: a pool of polling threads, each
/// polling its own connections (poll(2); see `shim_mhd_start` for why not epoll), handing complete requests to a `Router`'s middleware
/// chain and handlers.
///
/// A polling thread reads the request, matches its route and suspends the
/// connection; the chain and the handler then run on a worker (one thread
/// hop), and the answer resumes the connection. A deferred handler's answer
/// (a write acknowledged by the group-commit writer) hops back to a worker
/// before the way out of the chain runs (``Responder``), never on the writer. Only routes declared
/// `runsOnPollingThread`, answers without a route, and async handlers
/// (whose task is the hop) run the chain on the polling thread.
/// ```swift
/// var router = Router()
/// router.get("/healthz") { _, _ in HTTPResponse(status: 200) }
/// let server = HTTPServer(configuration: .init(), router: router, logger: logger)
/// try server.start()
/// // ...
/// server.shutdown()
/// ```
public final class HTTPServer: Sendable {
    public let configuration: HTTPServerConfiguration
    public let lifecycle: ServerLifecycle
    let dispatcher: RequestDispatcher
    let logger: Logger

    private struct Running: @unchecked Sendable {
        let daemon: OpaquePointer
        let port: Int
        let retained: Unmanaged<HTTPServer>
        /// This daemon's log destination, freed after the daemon stops.
        let logger: UnsafeMutablePointer<shim_mhd_logger>
    }
    private let running = Mutex<Running?>(nil)
    /// Set by the first `start()`; a second one is an error.
    private let started = Atomic<Bool>(false)
    private let suspended = DrainCounter()
    /// The suspended requests, so that shutdown can answer those whose
    /// handler has not finished by its deadline.
    private let suspendedRequests = Mutex<[ObjectIdentifier: RequestState]>([:])
    /// Each open connection's deadline, and the watchdog that enforces them.
    let deadlines: ConnectionDeadlines
    /// libmicrohttpd's messages, at most one a second each (it logs every refused connection).
    private let libraryLogThrottle = LogThrottle()

    public init(configuration: HTTPServerConfiguration, router: Router, lifecycle: ServerLifecycle = ServerLifecycle(), logger: Logger) {
        self.configuration = configuration
        self.lifecycle = lifecycle
        self.logger = logger
        self.dispatcher = RequestDispatcher(router: router, lifecycle: lifecycle, logger: logger, configuration: configuration)
        self.deadlines = ConnectionDeadlines(limits: .init(
            headerMilliseconds: Int64(max(0, configuration.headerTimeoutSeconds)) * 1000,
            idleMilliseconds: Int64(max(1, configuration.connectionTimeoutSeconds)) * 1000,
            bytesPerSecond: Int64(max(0, configuration.minimumBodyBytesPerSecond)))) { [logger] count in
            logger.info("closed connections that missed their deadline", metadata: ["count": "\(count)"])
        }
    }

    /// Every route, as (method, pattern), for documentation checks.
    public var routes: [(method: String, pattern: String)] { dispatcher.router.table }

    /// The port being listened on, once started.
    public var port: Int { running.withLock { $0?.port ?? 0 } }

    /// Connections open now (0 when not running).
    public var openConnections: Int {
        running.withLock { running in running.map { Int(shim_mhd_open_connections($0.daemon)) } ?? 0 }
    }

    /// Binds and starts the polling threads. A server starts once: a second
    /// call, even after `shutdown()`, throws `alreadyStarted`.
    public func start() throws(HTTPServerError) {
        guard started.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else {
            throw .alreadyStarted
        }
        do throws(HTTPServerError) {
            try listen()
        } catch {
            started.store(false, ordering: .releasing)
            throw error
        }
    }

    private func listen() throws(HTTPServerError) {
        let library = LibraryVersion.running
        if !configuration.testedLibraryReleases.contains(library.release) {
            guard configuration.allowUntestedLibrary else {
                throw .untestedLibrary(running: library.release, tested: configuration.testedLibraryReleases.sorted())
            }
            logger.warning("starting on an untested libmicrohttpd: its workarounds (docs/transport-workarounds.md) were tested on another release",
                           metadata: ["running": "\(library.release)", "tested": "\(configuration.testedLibraryReleases.sorted().joined(separator: ", "))"])
        }
        if configuration.tls != nil && MHD_is_feature_supported(.FEATURE_TLS) != .YES {
            throw .tlsUnsupported
        }
        var storage = try SocketAddress.resolve(host: configuration.host, port: configuration.port)
        let retained = Unmanaged.passRetained(self)
        let context = retained.toOpaque()
        let libraryLogger = UnsafeMutablePointer<shim_mhd_logger>.allocate(capacity: 1)
        libraryLogger.initialize(to: shim_mhd_logger(callback: errorLogger, context: context))
        let daemon: OpaquePointer? = withUnsafePointer(to: &storage.address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                var settings = shim_mhd_settings(
                    address: address,
                    thread_pool_size: UInt32(max(1, configuration.threads)),
                    connection_limit: UInt32(max(1, configuration.connectionLimit)),
                    connection_timeout: UInt32(max(1, configuration.connectionTimeoutSeconds)),
                    per_ip_connection_limit: UInt32(max(0, configuration.perClientConnectionLimit)),
                    connection_memory_limit: max(4096, configuration.effectiveConnectionMemoryBytes),
                    listen_backlog: 0,
                    tls_certificate: nil, tls_key: nil, tls_priorities: nil,
                    notify_connection: connectionNotifier, notify_connection_context: context,
                    unescape: unescaper, unescape_context: context, uri_log: targetRecorder, uri_log_context: context)
                guard let tls = configuration.tls else {
                    return shim_mhd_start(&settings, accessHandler, context, completedHandler, context, libraryLogger)
                }
                // libmicrohttpd hands the PEM to GnuTLS while starting, which copies it.
                return tls.certificatePEM.withCString { certificate in
                    tls.privateKeyPEM.withCString { key in
                        tls.priorities.withCString { priorities in
                            settings.tls_certificate = certificate
                            settings.tls_key = key
                            settings.tls_priorities = priorities
                            return shim_mhd_start(&settings, accessHandler, context, completedHandler, context, libraryLogger)
                        }
                    }
                }
            }
        }
        guard let daemon else {
            libraryLogger.deallocate()
            retained.release()
            throw configuration.tls != nil ? HTTPServerError.cannotStartTLS(host: configuration.host, port: configuration.port)
                : HTTPServerError.cannotListen(host: configuration.host, port: configuration.port)
        }
        let port = Int(shim_mhd_bound_port(daemon))
        deadlines.start()
        running.withLock { $0 = Running(daemon: daemon, port: port, retained: retained, logger: libraryLogger) }
        logger.info("listening", metadata: ["host": "\(configuration.host)", "port": "\(port)", "threads": "\(configuration.threads)",
                                   "tls": "\(configuration.tls != nil)"])
    }

    /// Stops gracefully: readiness fails first (`lifecycle.isShuttingDown`),
    /// then after `gracePeriod` no new connections are accepted, requests in
    /// flight are given up to `drainTimeout` to finish, and the server stops.
    /// A deferred handler still running then has its request answered 503
    /// (its own answer, when it comes, is dropped). Blocks until stopped.
    /// Safe to call more than once.
    public func shutdown(gracePeriod: Duration = .zero, drainTimeout: Duration = .seconds(10)) {
        guard running.withLock({ $0 != nil }) else { return }
        lifecycle.beginShutdown()
        logger.info("shutting down", metadata: ["in_flight": "\(lifecycle.requestsInFlight)"])
        if gracePeriod > .zero { lifecycle.inFlight.wait(until: .now + gracePeriod) }
        guard let current = running.withLock({ state -> Running? in defer { state = nil }; return state }) else { return }
        // New clients are refused from now on, rather than wait in the backlog for the drain.
        let listener = shim_mhd_stop_listening(current.daemon)
        if listener >= 0 { logger.info("stopped listening", metadata: ["in_flight": "\(lifecycle.requestsInFlight)"]) }
        // Woken by the last request to finish, or at the deadline.
        lifecycle.inFlight.waitForZero(until: .now + drainTimeout)
        // A suspended connection must be resumed before the daemon stops:
        // those whose handler has not answered by the deadline are answered here.
        let late = suspendedRequests.withLock { Array($0.values) }
        for state in late {
            let problem = ProblemDetails.serviceUnavailable("The service stopped before this request finished; retry.")
            deliver(state, dispatcher.finish(dispatcher.render(.failure(problem), state.annotations.requestID, format: state.problemFormat),
                                             state.annotations.requestID, origin: nil))
        }
        if !late.isEmpty { logger.warning("answered requests whose handler had not finished", metadata: ["count": "\(late.count)"]) }
        // libmicrohttpd must not stop with a connection suspended: wait for
        // the resumptions in progress on other threads (as long as they take).
        suspended.waitForZero(until: .now + .seconds(86_400))
        // Give those answers a moment to go out: woken when the last is sent.
        if !late.isEmpty { lifecycle.inFlight.waitForZero(until: .now + .seconds(1)) }
        let abandoned = lifecycle.requestsInFlight
        MHD_stop_daemon(current.daemon)
        deadlines.stop()
        if listener >= 0 { close(listener) }
        current.logger.deallocate()
        current.retained.release()
        logger.info("stopped", metadata: ["abandoned_requests": "\(abandoned)"])
    }

    // MARK: - libmicrohttpd callbacks

    fileprivate func handle(connection: OpaquePointer, url: UnsafePointer<CChar>, method: UnsafePointer<CChar>, version: UnsafePointer<CChar>,
                            uploadData: UnsafePointer<CChar>?, uploadDataSize: UnsafeMutablePointer<Int>,
                            slot: UnsafeMutablePointer<UnsafeMutableRawPointer?>) -> MHD_Result {
        guard let raw = slot.pointee else {
            // First call: the request line and headers have arrived.
            let state = RequestState(method: String(cString: method), path: String(cString: url))
            lifecycle.requestStarted()
            slot.pointee = Unmanaged.passRetained(state).toOpaque()
            withUnsafeMutablePointer(to: &state.headers) { _ = MHD_get_connection_values_n(connection, .HEADER_KIND, headerCollector, $0) }
            let record = connectionRecord(connection)
            record?.headersArrived()
            let observed = RequestSyntax.Observations(version: String(cString: version), foldedField: shim_mhd_has_folded_field(connection) != 0,
                                                      controlCharacterInPath: (record?.hasControlCharacter(at: url) ?? false)
                                                          || record?.targetEndsAtVersion(version) == false,
                                                      valueCutAtNUL: shim_mhd_has_hidden_value_bytes(connection, method) != 0)
            if let problem = sizeProblem(connection, path: url, headers: state.headers) ?? RequestSyntax.problem(state.headers, observed) {
                // Refuse before reading any body, as for an oversized one.
                state.refusal = problem
                return dispatch(connection, state)
            }
            state.maximumBodyBytes = dispatcher.router.maximumBodyBytes(method: state.method, path: state.path, contentType: state.headers["Content-Type"],
                                                                        defaultLimit: configuration.maximumBodyBytes)
            if let length = lookup(connection, .HEADER_KIND, "Content-Length").flatMap(Int.init),
               length > state.maximumBodyBytes {
                // Refuse before reading the body; libmicrohttpd then closes the connection.
                state.bodyTooLarge = true
                return dispatch(connection, state)
            }
            return .YES
        }
        let state = Unmanaged<RequestState>.fromOpaque(raw).takeUnretainedValue()
        let size = uploadDataSize.pointee
        if size > 0, let uploadData {
            connectionRecord(connection)?.bodyReceived(size)
            if state.bodyTooLarge {
                // Past the cap the body is discarded to answer 413 at its
                // end; a body that goes on much further (an endless chunked
                // upload) is cut off by closing the connection.
                state.discardedBytes += size
                if state.discardedBytes > max(state.maximumBodyBytes, 64 << 10) { return .NO }
            } else {
                if state.body.count + size > state.maximumBodyBytes {
                    // Keep reading to the end of the body (a response cannot be
                    // queued mid-upload), but store nothing more.
                    state.bodyTooLarge = true
                    state.body = []
                } else {
                    if state.body.isEmpty, let length = lookup(connection, .HEADER_KIND, "Content-Length").flatMap(Int.init) {
                        // The whole body in one allocation, made once it starts
                        // arriving: growing it would copy it, and for a moment
                        // hold it twice.
                        state.body.reserveCapacity(length)
                    }
                    uploadData.withMemoryRebound(to: UInt8.self, capacity: size) {
                        state.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: size))
                    }
                }
            }
            uploadDataSize.pointee = 0
            return .YES
        }
        let resumed = state.answer.withLock { answer -> HTTPResponse? in
            guard case .resumed(let response) = answer else { return nil }
            answer = .sent
            return response
        }
        if let resumed { return queue(connection, resumed, state) }
        guard !state.dispatched else { return .YES }
        return dispatch(connection, state)
    }

    private func dispatch(_ connection: OpaquePointer, _ state: RequestState) -> MHD_Result {
        state.dispatched = true
        connectionRecord(connection)?.handling()
        var headers = state.headers
        ContentCoding.untagRequest(&headers)
        var query: [(name: String, value: String)] = []
        withUnsafeMutablePointer(to: &query) { _ = MHD_get_connection_values_n(connection, .GET_ARGUMENT_KIND, queryCollector, $0) }
        let request = HTTPRequest(method: state.method, path: state.path, query: QueryParameters(query), headers: headers, body: state.body,
                                  jsonLimits: configuration.jsonLimits)
        state.body = []
        let client = ClientAddress.resolve(peer: peerAddress(connection), headers: headers, trustedProxies: configuration.trustedProxies)
        let run = dispatcher.prepare(request, remoteAddress: client, annotations: state.annotations, receivedAt: state.startedAt,
                                     refusal: state.refusal, bodyLimitExceeded: state.bodyTooLarge ? state.maximumBodyBytes : nil)
        state.route = run.context.route
        state.problemFormat = run.problemFormat
        guard run.inline else {
            // The one thread hop: nothing can have answered yet.
            _ = suspend(connection, state)
            DispatchQueue.global().async { run.start { self.deliver(state, $0) } }
            return .YES
        }
        run.start { self.deliver(state, $0) }
        if let response = suspend(connection, state) { return queue(connection, response, state) }
        return .YES
    }

    /// Suspends the connection until the chain answers, or returns the
    /// answer if it came already.
    private func suspend(_ connection: OpaquePointer, _ state: RequestState) -> HTTPResponse? {
        state.answer.withLock { answer -> HTTPResponse? in
            if case .ready(let response) = answer {
                answer = .sent
                return response
            }
            answer = .awaited(ConnectionHandle(connection))
            suspended.add(1)
            suspendedRequests.withLock { $0[ObjectIdentifier(state)] = state }
            // Under the lock, so that an answer from another thread cannot resume it first.
            MHD_suspend_connection(connection)
            return nil
        }
    }

    /// Hands the chain's answer to its connection, once: a handler's answer
    /// and shutdown's 503 race, and the first wins.
    private func deliver(_ state: RequestState, _ response: HTTPResponse) {
        let connection = state.answer.withLock { answer -> ConnectionHandle? in
            switch answer {
            case .pending:
                answer = .ready(response)
                return nil
            case .awaited(let connection):
                answer = .resumed(response)
                return connection
            case .ready, .resumed, .sent:
                return nil
            }
        }
        guard let connection else { return }
        suspendedRequests.withLock { _ = $0.removeValue(forKey: ObjectIdentifier(state)) }
        MHD_resume_connection(connection.connection)
        suspended.add(-1)
    }

    private func queue(_ connection: OpaquePointer, _ response: HTTPResponse, _ state: RequestState) -> MHD_Result {
        let mhdResponse: OpaquePointer? = if response.status == 304 {
            // libmicrohttpd sends no body with a 304 but states the
            // response's size as Content-Length: make it the
            // representation's, which is never read.
            MHD_create_response_from_callback(UInt64(response.representationLength ?? 0), 1024, unreadableContent, nil, nil)
        } else {
            response.body.withUnsafeBytes { bytes in
                MHD_create_response_from_buffer(bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress), .RESPMEM_MUST_COPY)
            }
        }
        guard let mhdResponse else { return .NO }
        for field in response.headers {
            _ = MHD_add_response_header(mhdResponse, field.name, field.value)
        }
        let result = MHD_queue_response(connection, UInt32(response.status), mhdResponse)
        MHD_destroy_response(mhdResponse)
        return result
    }

    /// The chain logs each answered request (``LogRequestsMiddleware``);
    /// here only one whose exchange did not complete (the client went away,
    /// the connection timed out).
    fileprivate func completed(_ state: RequestState, termination: MHD_RequestTerminationCode) {
        lifecycle.requestFinished()
        guard termination != .REQUEST_TERMINATED_COMPLETED_OK else { return }
        logger.info("request not completed", metadata: [
            "method": "\(state.method)", "route": "\(state.route)", "request_id": "\(state.annotations.requestID)",
            "termination": "\(terminationName(termination))",
        ])
    }

    fileprivate func libraryLog(_ message: String) {
        guard let held = libraryLogThrottle.admit(message, now: ConnectionRecord.now()) else { return }
        var metadata: Logger.Metadata = ["message": "\(message)"]
        if held > 0 { metadata["repeated"] = "\(held)" }
        logger.warning("libmicrohttpd", metadata: metadata)
    }

    /// 414 when the target (decoded path and query) exceeds
    /// `maximumURLBytes`, 431 when the header fields exceed
    /// `maximumHeaderBytes`; `nil` when both are within bounds.
    private func sizeProblem(_ connection: OpaquePointer, path: UnsafePointer<CChar>, headers: HTTPHeaders) -> ProblemDetails? {
        var urlBytes = strlen(path)
        withUnsafeMutablePointer(to: &urlBytes) { _ = MHD_get_connection_values_n(connection, .GET_ARGUMENT_KIND, sizeCounter, $0) }
        if urlBytes > configuration.maximumURLBytes { return .uriTooLong(limit: configuration.maximumURLBytes) }
        let headerBytes = headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
        if headerBytes > configuration.maximumHeaderBytes { return .headerFieldsTooLarge(limit: configuration.maximumHeaderBytes) }
        return nil
    }

    /// The record of `connection`, kept in its slot since it opened.
    fileprivate func connectionRecord(_ connection: OpaquePointer) -> ConnectionRecord? {
        shim_mhd_connection_context(connection).map { Unmanaged<ConnectionRecord>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Registers a connection as it opens; forgets it as it closes.
    fileprivate func connectionNotified(_ connection: OpaquePointer, slot: UnsafeMutablePointer<UnsafeMutableRawPointer?>,
                                        _ code: MHD_ConnectionNotificationCode) {
        if code == .CONNECTION_NOTIFY_STARTED {
            slot.pointee = Unmanaged.passRetained(deadlines.opened(descriptor: shim_mhd_connection_fd(connection))).toOpaque()
        } else if let raw = slot.pointee {
            slot.pointee = nil
            deadlines.closed(Unmanaged<ConnectionRecord>.fromOpaque(raw).takeRetainedValue())
        }
    }

    private func lookup(_ connection: OpaquePointer, _ kind: MHD_ValueKind, _ key: String) -> String? {
        MHD_lookup_connection_value(connection, kind, key).map { String(cString: $0) }
    }

    /// The numeric address of the socket's other end.
    private func peerAddress(_ connection: OpaquePointer) -> String? {
        var buffer = [CChar](repeating: 0, count: 64)
        guard shim_mhd_client_address(connection, &buffer, buffer.count) == 0 else { return nil }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    private func terminationName(_ code: MHD_RequestTerminationCode) -> String {
        switch code {
        case .REQUEST_TERMINATED_WITH_ERROR: "error"
        case .REQUEST_TERMINATED_TIMEOUT_REACHED: "timeout"
        case .REQUEST_TERMINATED_DAEMON_SHUTDOWN: "shutdown"
        case .REQUEST_TERMINATED_READ_ERROR: "read-error"
        case .REQUEST_TERMINATED_CLIENT_ABORT: "client-abort"
        default: "other"
        }
    }
}

/// Why the server could not start.
public enum HTTPServerError: Error, CustomStringConvertible {
    case cannotResolve(host: String)
    case cannotListen(host: String, port: Int)
    case cannotStartTLS(host: String, port: Int)
    case tlsUnsupported
    case alreadyStarted
    case untestedLibrary(running: String, tested: [String])

    public var description: String {
        switch self {
        case .cannotStartTLS(let host, let port): "cannot start HTTPS on \(host):\(port): the certificate or key is not valid PEM, they do not match, or the address is in use"
        case .tlsUnsupported: "this libmicrohttpd was built without TLS support"
        case .alreadyStarted: "the server was already started; a server starts once"
        case .untestedLibrary(let running, let tested):
            "libmicrohttpd \(running) is not a release the transport's workarounds were tested on (\(tested.joined(separator: ", "))); "
                + "see docs/transport-workarounds.md, or start with --allow-untested-libmicrohttpd to accept it with a warning"
        case .cannotResolve(let host): "cannot resolve host \(host)"
        case .cannotListen(let host, let port): "cannot listen on \(host):\(port) (address in use, or not permitted)"
        }
    }
}

/// A libmicrohttpd connection pointer handed to another thread for resuming.
struct ConnectionHandle: @unchecked Sendable {
    let connection: OpaquePointer
    init(_ connection: OpaquePointer) { self.connection = connection }
}

private func server(_ context: UnsafeMutableRawPointer?) -> HTTPServer {
    Unmanaged<HTTPServer>.fromOpaque(context!).takeUnretainedValue()
}

private let accessHandler: MHD_AccessHandlerCallback = { context, connection, url, method, version, uploadData, uploadDataSize, slot in
    guard let connection, let url, let method, let version, let uploadDataSize, let slot else { return .NO }
    return server(context).handle(connection: connection, url: url, method: method, version: version, uploadData: uploadData,
                                  uploadDataSize: uploadDataSize, slot: slot)
}

private let completedHandler: MHD_RequestCompletedCallback = { context, connection, slot, termination in
    if let connection { server(context).connectionRecord(connection)?.requestCompleted() }
    guard let slot, let raw = slot.pointee else { return }
    slot.pointee = nil
    let state = Unmanaged<RequestState>.fromOpaque(raw).takeRetainedValue()
    server(context).completed(state, termination: termination)
}

private let connectionNotifier: MHD_NotifyConnectionCallback = { context, connection, slot, code in
    guard let connection, let slot else { return }
    server(context).connectionNotified(connection, slot: slot, code)
}

/// libmicrohttpd's own decoding of `%HH`, noting on the connection's record
/// a result with a control character (a NUL would cut the path short).
private let unescaper: shim_mhd_unescape_callback = { context, connection, text in
    guard let text else { return 0 }
    let length = MHD_http_unescape(text)
    let control = text.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
        (0..<length).contains { bytes[$0] < 0x20 || bytes[$0] == 0x7F }
    }
    if control, let connection { server(context).connectionRecord(connection)?.decodedControlCharacter(at: text) }
    return length
}

/// Notes where the request target as received ends as a C string: at the
/// NUL libmicrohttpd put in place of the space before the version, unless
/// the target holds a NUL of its own (which would cut the path short).
private let targetRecorder: shim_mhd_uri_log_callback = { context, uri, connection in
    if let uri, let connection { server(context).connectionRecord(connection)?.receivedTarget(endingAt: uri + strlen(uri)) }
    return nil
}

/// The body of a 304, never read: libmicrohttpd sends no body with one.
private let unreadableContent: MHD_ContentReaderCallback = { _, _, _, _ in -2 /* MHD_CONTENT_READER_END_WITH_ERROR */ }

private let errorLogger: shim_mhd_log_callback = { context, message in
    guard let message else { return }
    server(context).libraryLog(String(cString: message))
}

private let headerCollector: MHD_KeyValueIteratorN = { context, _, key, keySize, value, valueSize in
    let headers = context!.assumingMemoryBound(to: HTTPHeaders.self)
    headers.pointee.add(string(key, keySize), string(value, valueSize))
    return .YES
}

private let queryCollector: MHD_KeyValueIteratorN = { context, _, key, keySize, value, valueSize in
    let items = context!.assumingMemoryBound(to: [(name: String, value: String)].self)
    items.pointee.append((string(key, keySize), string(value, valueSize)))
    return .YES
}

/// Adds each query parameter's size as sent (`name=value&`, roughly).
private let sizeCounter: MHD_KeyValueIteratorN = { context, _, _, keySize, _, valueSize in
    context!.assumingMemoryBound(to: Int.self).pointee += keySize + valueSize + 4
    return .YES
}

private func string(_ pointer: UnsafePointer<CChar>?, _ count: Int) -> String {
    guard let pointer else { return "" }
    return pointer.withMemoryRebound(to: UInt8.self, capacity: count) {
        String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
    }
}
