package psutil4j.agent.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A tiny SMTP server for tests: one session, records the commands and the message. */
public final class TestSmtpServer implements AutoCloseable {
    private final ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    public final List<String> commands = new ArrayList<>();
    public final StringBuilder data = new StringBuilder();
    public final Thread thread;

    public TestSmtpServer() throws IOException {
        thread = Thread.ofPlatform().daemon().start(this::serve);
    }

    private void serve() {
        try (Socket s = ss.accept()) {
            var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            reply(out, "220 test ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (commands) {
                    commands.add(line);
                }
                String cmd = line.toUpperCase();
                if (cmd.startsWith("EHLO")) {
                    reply(out, "250-test\r\n250-AUTH PLAIN\r\n250 8BITMIME");
                } else if (cmd.startsWith("AUTH PLAIN")) {
                    reply(out, "235 ok");
                } else if (cmd.startsWith("DATA")) {
                    reply(out, "354 go");
                    String l;
                    while (!(l = in.readLine()).equals(".")) {
                        synchronized (data) {
                            data.append(l).append('\n');
                        }
                    }
                    reply(out, "250 queued");
                } else if (cmd.startsWith("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else if (cmd.startsWith("RCPT TO:<NOBODY")) {
                    reply(out, "550 no such user");
                } else {
                    reply(out, "250 ok");
                }
            }
        } catch (IOException ignored) {
            // test over
        }
    }

    private static void reply(OutputStream out, String s) throws IOException {
        out.write((s + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public int port() {
        return ss.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        ss.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
