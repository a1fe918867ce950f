package dev.hyperlab.core.compare;

import dev.hyperlab.core.exec.ExecResult;
import dev.hyperlab.core.exec.GuestExec;
import dev.hyperlab.core.model.Subject;
import java.time.Duration;

/** Answers the isolation probe and the benchmark tools with output shaped like the real tools'. */
final class FakeExec {
    private FakeExec() {}

    static GuestExec of(Subject where) {
        boolean vm = where == Subject.VM;
        boolean host = where == Subject.HOST;
        return (argv, timeout) -> {
            String out;
            if (argv.get(0).equals("/bin/sh")) {
                out = "probe_version=1\nkernel=" + (vm ? "6.1.0-27-cloud-amd64" : "6.18.44") + "\nboot_id="
                        + (vm ? "b" : "a") + "\npid1=systemd\nprocesses=" + (host ? 110 : 9) + "\npid_ns=pid:["
                        + (host || vm ? 1 : 2) + "]\nnet_ns=net:[" + (host ? 1 : 2) + "]\nuid=0\ncap_eff="
                        + (host || vm ? "000001ffffffffff" : "00000000800405fb") + "\nseccomp=" + (host || vm ? 0 : 2)
                        + "\nmodules_disabled=0\nproc_sys_writable=" + (host || vm ? "yes" : "no")
                        + "\nnet_ifaces=lo\nprobe_done=1\n";
            } else if (argv.get(0).equals("sysbench") && argv.get(1).equals("cpu")) {
                out = "CPU speed:\n    events per second:  " + (vm ? "96.40" : "1723.61") + "\n";
            } else if (argv.get(0).equals("sysbench")) {
                out = "102400.00 MiB transferred (" + (vm ? "310.50" : "3889.30") + " MiB/sec)\n";
            } else {
                out = "{\"jobs\":[{\"error\":0,\"read\":{\"iops\":" + (vm ? 2101.7 : 15308.1)
                        + "},\"write\":{\"bw_bytes\":" + (vm ? 93_218_406 : 430_128_742) + "}}]}";
            }
            return new ExecResult(0, out, "", Duration.ofMillis(5));
        };
    }
}
