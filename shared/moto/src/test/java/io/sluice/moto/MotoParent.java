package io.sluice.moto;

/** A JVM that starts moto, prints its pid and waits to be killed: {@link MotoServerTest} kills it with SIGKILL. */
public final class MotoParent {
    public static void main(String[] args) throws InterruptedException {
        MotoServer server = MotoServer.start(MotoOptions.onPort(0));
        System.out.println("moto-pid=" + server.pid());
        System.out.flush();
        Thread.sleep(120_000);
    }
}
