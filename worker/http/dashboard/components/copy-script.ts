// The dashboard's only script: "Copy" buttons put their target field's text on the clipboard. Everything works
// without it (the field is selectable); it runs under the page's CSP nonce.
export const COPY_SCRIPT = `document.addEventListener("click",function(e){var b=e.target.closest&&e.target.closest("[data-copy]");if(!b)return;
var f=document.getElementById(b.getAttribute("data-copy"));if(!f)return;f.select();
var done=function(){b.textContent="Copied"};if(navigator.clipboard)navigator.clipboard.writeText(f.value).then(done,function(){});else{document.execCommand("copy");done()}});`;
