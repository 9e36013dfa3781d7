// The page for a request the dashboard cannot serve: forbidden, not found, bad input, or an internal failure.
import { Head } from "../components/layout";

const TITLES: Record<number, string> = {
  400: "That request is not valid",
  403: "Not allowed",
  404: "Not found",
  409: "Not possible right now",
  429: "Too many requests",
  500: "Something went wrong",
};

export function ErrorPage(props: { nonce: string; status: number; message: string }) {
  const title = TITLES[props.status] ?? "Something went wrong";
  return (
    <html lang="en">
      <Head title={title} nonce={props.nonce} />
      <body>
        <main id="main" class="centered">
          <div class="card">
            <h1>{title}</h1>
            <p class="error" role="alert">
              {props.message}
            </p>
            <p>
              <a href="/dashboard">Back to the dashboard</a> · <a href="/dashboard/sign-in">Sign in with another key</a>
            </p>
          </div>
        </main>
      </body>
    </html>
  );
}
