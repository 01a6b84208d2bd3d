package dev.localecs.runtime.tasks;

import dev.localecs.runtime.simulated.SimulatedTaskEngine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;

/** The engine contract on the simulated engine (one engine outlives the runtime's restarts, as Docker does). */
class SimulatedEngineContractTest extends TaskEngineContract {
    private final SimulatedTaskEngine engine = new SimulatedTaskEngine(Clock.systemUTC(), "169.254.170.0/24");

    @Override
    protected TaskEngine engine(boolean restart) {
        return (TaskEngine) Proxy.newProxyInstance(TaskEngine.class.getClassLoader(), new Class<?>[] {TaskEngine.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null; // the engine outlives the manager
                    }
                    try {
                        return method.invoke(engine, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    protected void closePlatform() {
        engine.close();
    }
}
